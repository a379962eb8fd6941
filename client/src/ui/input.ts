// NutUI's Input, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input/index';
