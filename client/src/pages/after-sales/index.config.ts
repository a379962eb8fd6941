export default definePageConfig({ navigationBarTitleText: '售后记录' });
