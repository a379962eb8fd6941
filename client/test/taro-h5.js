// @tarojs/taro as the H5 build sees it. The build rewrites `Taro.x` to named imports of the
// H5 platform's APIs (babel-plugin-transform-taroapi) and attaches the React hooks
// (plugin-framework-react/dist/api-loader.js); here both are merged onto the default object.
const apis = require('@tarojs/plugin-platform-h5/dist/runtime/apis');
const taro = apis.default;
for (const k of Object.keys(apis)) if (k !== 'default' && !(k in taro)) taro[k] = apis[k];
const hooks = require('@tarojs/plugin-framework-react/dist/runtime');

const names = [
  'useAddToFavorites',
  'useDidHide',
  'useDidShow',
  'useError',
  'useLaunch',
  'useLoad',
  'useOptionMenuClick',
  'useKeyboardHeight',
  'usePageNotFound',
  'usePageScroll',
  'usePullDownRefresh',
  'usePullIntercept',
  'useReachBottom',
  'useReady',
  'useResize',
  'useRouter',
  'useSaveExitState',
  'useShareAppMessage',
  'useShareTimeline',
  'useTabItemTap',
  'useTitleClick',
  'useScope',
  'useUnhandledRejection',
  'useUnload',
];
for (const n of names) taro[n] = hooks[n];

module.exports = taro;
module.exports.default = taro;
