// NutUI's Button, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button/index';
