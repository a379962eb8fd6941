import { useState } from 'react';
import { View, Text, Image, Button } from '@tarojs/components';
import { api } from '../../api';
import { useRemote } from '../../lib/hooks';
import { go, ROUTES, useQueryParam } from '../../lib/nav';
import { addToCart } from '../../lib/cart';
import { fmtPoints, fmtYuan } from '../../lib/format';
import { estimatePoints } from '../../lib/pool';
import { usePool } from '../../lib/usePool';
import { RemoteView } from '../../components/StateView';

export default function ProductPage() {
  const id = useQueryParam('id');
  // There is no single-product endpoint: the list is small and cached by the server.
  const products = useRemote(() => api.products(), [id]);
  const pool = usePool();
  const [added, setAdded] = useState(false);
  const product = products.data?.find((p) => p.productId === id);
  return (
    <View className="page page-product">
      <RemoteView remote={products} isEmpty={(d) => !d.some((p) => p.productId === id)} emptyText="商品不存在或已下架">
        {product && (
          <View>
            {product.image ? <Image className="product-hero" src={product.image} mode="aspectFill" /> : null}
            <View className="card">
              <Text className="card-title product-title">{product.name}</Text>
              <Text className="big product-detail-price">{fmtYuan(product.price)}</Text>
              <Text className="hint">库存 {String(product.stock)}</Text>
            </View>
            <View className="card">
              <Text className="card-title">积分说明</Text>
              <View className="row">
                <Text className="row-label">每件计入分红池</Text>
                <Text className="row-value">{fmtYuan(product.poolContribution)}</Text>
              </View>
              {pool.state && (
                <View className="row">
                  <Text className="row-label">按今日价格预计获赠</Text>
                  <Text className="row-value product-detail-earn">
                    {fmtPoints(estimatePoints(product.poolContribution, pool.state, pool.params))} 积分
                  </Text>
                </View>
              )}
              <Text className="hint">
                积分在确认收货、订单完成后发放，数量按完成时的价格计算；完成前退款不发放积分。积分价格会变化，不承诺收益。
              </Text>
            </View>
            {added && <View className="ok-line">已加入购物车</View>}
            <Button
              className="btn btn-plain add-to-cart"
              onClick={() => {
                addToCart(product.productId, 1);
                setAdded(true);
              }}
            >
              加入购物车
            </Button>
            <Button
              className="btn btn-primary buy-now"
              onClick={() => {
                addToCart(product.productId, 1);
                go(ROUTES.cart);
              }}
            >
              立即购买
            </Button>
          </View>
        )}
      </RemoteView>
    </View>
  );
}
