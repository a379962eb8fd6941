export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/product/index',
    'pages/cart/index',
    'pages/orders/index',
    'pages/order/index',
    'pages/wallet/index',
    'pages/price/index',
    'pages/pool/index',
    'pages/ledger/index',
    'pages/team/index',
    'pages/leaderboard/index',
    'pages/rules/index',
    'pages/login/index',
    'pages/mine/index',
    'pages/addresses/index',
    'pages/address-edit/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1a7f37',
    navigationBarTitleText: '绿色积分商城',
    navigationBarTextStyle: 'white',
  },
  // The native bottom bar on both targets; icons drawn by scripts/draw-tab-icons.js.
  tabBar: {
    color: '#999999',
    selectedColor: '#1a7f37',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-on.png',
      },
      {
        pagePath: 'pages/orders/index',
        text: '订单',
        iconPath: 'assets/tab/orders.png',
        selectedIconPath: 'assets/tab/orders-on.png',
      },
      {
        pagePath: 'pages/wallet/index',
        text: '钱包',
        iconPath: 'assets/tab/wallet.png',
        selectedIconPath: 'assets/tab/wallet-on.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-on.png',
      },
    ],
  },
});
