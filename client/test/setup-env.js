// Before anything loads: the flags the H5 build defines.
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
process.env.TARO_APP_API_BASE = '/api';
process.env.TARO_APP_STAGE = 'local';
