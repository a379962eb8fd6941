// NutUI's Popup, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
export { default as Popup } from '@nutui/nutui-react-taro/dist/es/packages/popup/index';
