export default definePageConfig({ navigationBarTitleText: '分红池' });
