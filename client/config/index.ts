import path from 'path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// The engine package is TypeScript with no build step: Taro must compile it like our own src.
const sharedSrc = path.resolve(__dirname, '../../shared/src');

// API base: H5 talks to its own origin (the static server proxies /api), the mini-program
// needs an absolute URL. Both can be overridden with TARO_APP_API_BASE at build time.
const platform = process.env.TARO_ENV || 'h5';
const apiBase = process.env.TARO_APP_API_BASE || (platform === 'h5' ? '/api' : 'http://127.0.0.1:3000');
// 'local' enables the nickname dev login; anything else uses the WeChat code.
const stage = process.env.TARO_APP_STAGE || 'local';

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'greenpoints',
    date: '2026-11-25',
    // NutUI is drawn for a 375-wide design, our own CSS for 750: each file gets its own.
    designWidth(input) {
      const file = typeof input === 'object' && input?.file ? String(input.file).replace(/\\+/g, '/') : '';
      return file.includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per target so the two builds never overwrite each other.
    outputRoot: `dist/${platform}`,
    plugins: [],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
      TARO_APP_STAGE: JSON.stringify(stage),
      // Subscription message templates (docs/wechat.md); empty: consent is not asked.
      TARO_APP_TMPL_SHIPPED: JSON.stringify(process.env.TARO_APP_TMPL_SHIPPED || ''),
      TARO_APP_TMPL_POINTS: JSON.stringify(process.env.TARO_APP_TMPL_POINTS || ''),
      TARO_APP_TMPL_AFTER_SALE: JSON.stringify(process.env.TARO_APP_TMPL_AFTER_SALE || ''),
      TARO_APP_TMPL_WITHDRAWAL: JSON.stringify(process.env.TARO_APP_TMPL_WITHDRAWAL || ''),
      // 客服 outside the mini-program, and the merchant id of WeChat's confirm-receipt view.
      TARO_APP_SERVICE_PHONE: JSON.stringify(process.env.TARO_APP_SERVICE_PHONE || ''),
      TARO_APP_MCH_ID: JSON.stringify(process.env.TARO_APP_MCH_ID || ''),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    // Prebundle crashes with the enhanced-resolve in our lock (watch mode, Taro 4.1.11).
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile: { include: [sharedSrc] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // Taro splits only initial chunks, so every lazily loaded page carried its own copy of
      // the components, decimal.js and the engine (1.9 MB of JS). Share them across pages.
      webpackChain(chain) {
        chain.optimization.splitChunks({ chunks: 'all', hidePathInfo: true, minSize: 20000 });
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
