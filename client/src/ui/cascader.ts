// NutUI's Cascader, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/cascader/style/css';
export { default as Cascader } from '@nutui/nutui-react-taro/dist/es/packages/cascader/index';
