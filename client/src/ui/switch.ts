// NutUI's Switch, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css';
export { default as Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch/index';
