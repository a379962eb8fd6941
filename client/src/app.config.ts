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
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1a7f37',
    navigationBarTitleText: '绿色积分商城',
    navigationBarTextStyle: 'white',
  },
});
