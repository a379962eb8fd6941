// NutUI's InputNumber, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/inputnumber/style/css';
export { default as InputNumber } from '@nutui/nutui-react-taro/dist/es/packages/inputnumber/index';
