// NutUI's Skeleton, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css';
export { default as Skeleton } from '@nutui/nutui-react-taro/dist/es/packages/skeleton/index';
