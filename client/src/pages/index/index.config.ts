export default definePageConfig({
  navigationBarTitleText: '绿色积分商城',
  enablePullDownRefresh: false,
  enableShareAppMessage: true,
});
