// NutUI's Empty, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css';
export { default as Empty } from '@nutui/nutui-react-taro/dist/es/packages/empty/index';
