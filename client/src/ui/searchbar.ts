// NutUI's SearchBar, imported on its own with its own CSS (on-demand: no full library, no full stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css';
export { default as SearchBar } from '@nutui/nutui-react-taro/dist/es/packages/searchbar/index';
