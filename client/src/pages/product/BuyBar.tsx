import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { Product } from '../../api';
import { go, ROUTES } from '../../lib/nav';
import { addToCart } from '../../lib/cart';
import { Button } from '../../ui/button';
import { InputNumber } from '../../ui/inputnumber';
import { Toast } from '../../ui/toast';

/** How many (1 … the stock, at most 99), 加入购物车 and 立即购买; only 已售罄 when sold out. */
export function BuyBar({ product, soldOut }: { product: Product; soldOut: boolean }) {
  const [qty, setQty] = useState(1);
  const [added, setAdded] = useState(false);
  const max = Math.max(1, Math.min(99, Number(product.stock)));
  if (soldOut) {
    return (
      <Button className="btn sold-out-button" block disabled>
        已售罄
      </Button>
    );
  }
  return (
    <View>
      <View className="card row">
        <Text className="row-label">购买数量</Text>
        <InputNumber
          className="stepper product-qty"
          min={1}
          max={max}
          value={qty}
          onChange={(v) => setQty(Math.max(1, Math.min(max, Math.floor(Number(v)) || 1)))}
        />
      </View>
      <Toast visible={added} content="已加入购物车" icon="success" duration={1.5} onClose={() => setAdded(false)} />
      <Button
        className="btn btn-plain add-to-cart"
        type="primary"
        fill="outline"
        block
        onClick={() => {
          addToCart(product.productId, qty);
          setAdded(true);
        }}
      >
        加入购物车
      </Button>
      <Button
        className="btn btn-primary buy-now"
        type="primary"
        block
        onClick={() => {
          addToCart(product.productId, qty);
          go(ROUTES.cart);
        }}
      >
        立即购买
      </Button>
    </View>
  );
}
