// NutUI's Tabs, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/tabs/style/css';
export { default as Tabs } from '@nutui/nutui-react-taro/dist/es/packages/tabs/index';
