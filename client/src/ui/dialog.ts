// NutUI's Dialog, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';
export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog/index';
