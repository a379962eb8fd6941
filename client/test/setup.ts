import '@testing-library/jest-dom'
import { configure } from '@testing-library/react'
import React from 'react'
import ReactDOM from 'react-dom'
import Taro from '@tarojs/taro'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'

import { setHistoryMode } from '@tarojs/router'

// Hands React to Taro's hooks (what createReactApp does in the real app).
createH5NativeComponentConfig(() => null, React, ReactDOM)
// The app's hash router history, as the H5 build sets it up: navigation changes location.hash.
setHistoryMode('hash')

beforeEach(() => {
  Taro.clearStorageSync()
  window.location.hash = ''
})

// Taro's custom elements carry object graphs that pretty-format cannot print (it runs out
// of memory); show the page's markup, shortened, when a query fails.
configure({
  getElementError(message, container) {
    const html = (container as Element).innerHTML ?? ''
    const err = new Error(`${message ?? ''}\n\n${html.slice(0, 3000)}`)
    err.name = 'TestingLibraryElementError'
    return err
  },
})
