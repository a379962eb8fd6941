export default definePageConfig({ navigationBarTitleText: '我的团队', enableShareAppMessage: true });
