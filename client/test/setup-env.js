// Before anything loads: the flags the H5 build defines.
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
process.env.TARO_APP_API_BASE = '/api';
process.env.TARO_APP_STAGE = 'local';

// jsdom has no IntersectionObserver (Taro's H5 Image uses it for lazyLoad): everything is in view.
if (typeof globalThis.window !== 'undefined' && !globalThis.window.IntersectionObserver) {
  globalThis.window.IntersectionObserver = class {
    constructor(cb) {
      this.cb = cb;
    }
    observe(el) {
      this.cb([{ isIntersecting: true, intersectionRatio: 1, target: el }], this);
    }
    unobserve() {}
    disconnect() {}
  };
}
