// NutUI's Avatar, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/avatar/style/css';
export { default as Avatar } from '@nutui/nutui-react-taro/dist/es/packages/avatar/index';
