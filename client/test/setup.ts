import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import React from 'react';
import ReactDOM from 'react-dom';
import Taro from '@tarojs/taro';
import { Current } from '@tarojs/runtime';
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime';

import { setHistoryMode } from '@tarojs/router';

// Hands React to Taro's hooks (what createReactApp does in the real app).
createH5NativeComponentConfig(() => null, React, ReactDOM);
// The app's hash router history, as the H5 build sets it up: navigation changes location.hash.
setHistoryMode('hash');

// Taro's H5 createSelectorQuery (NutUI's Tabs measure their titles) looks for the current page's
// element by its path: the whole test document stands in for it.
const PAGE_ID = 'gp-test-page';

beforeEach(() => {
  document.body.id = PAGE_ID;
  Current.page = { path: PAGE_ID } as unknown as typeof Current.page;
  Taro.clearStorageSync();
  window.location.hash = '';
});

// Taro's custom elements carry object graphs that pretty-format cannot print (it runs out
// of memory); show the page's markup, shortened, when a query fails.
configure({
  getElementError(message, container) {
    const html = (container as Element).innerHTML ?? '';
    const err = new Error(`${message ?? ''}\n\n${html.slice(0, 3000)}`);
    err.name = 'TestingLibraryElementError';
    return err;
  },
});

// Stencil re-renders a Taro web component once more after React has already taken the page
// down at the end of a test; jsdom then throws a DOMException that Stencil logs with the whole
// element (thousands of lines). Only that exact pair is dropped; every other error still prints.
const consoleError = console.error.bind(console);
jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  const [first, second] = args;
  const isStencilTeardown =
    first instanceof DOMException && second instanceof HTMLElement && /^TARO-[A-Z-]+-CORE$/.test(second.tagName);
  if (!isStencilTeardown) consoleError(...args);
});
