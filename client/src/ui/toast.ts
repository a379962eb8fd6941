// NutUI's Toast, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/toast/style/css';
export { default as Toast } from '@nutui/nutui-react-taro/dist/es/packages/toast/index';
