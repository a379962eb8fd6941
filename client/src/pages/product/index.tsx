import { useState } from 'react';
import { View, Text, Image, ScrollView } from '@tarojs/components';
import { api } from '../../api';
import { useRemote } from '../../lib/hooks';
import { go, ROUTES, useQueryParam } from '../../lib/nav';
import { addToCart } from '../../lib/cart';
import { fmtPoints, fmtYuan } from '../../lib/format';
import { estimatePoints } from '../../lib/pool';
import { isSoldOut, picturesOf } from '../../lib/assets';
import { usePool } from '../../lib/usePool';
import { RemoteView } from '../../components/StateView';
import { NoPicture } from '../../components/NoPicture';
import { Row } from '../../components/Stat';
import { Button } from '../../ui/button';
import { InputNumber } from '../../ui/inputnumber';
import { Toast } from '../../ui/toast';
import './index.css';

/** Which picture is in view: pages are as wide as the gallery. */
const pageOf = (left: number, width: number, n: number) =>
  n > 0 && width > 0 ? Math.min(n - 1, Math.max(0, Math.round((left / width) * n))) : 0;

/**
 * The gallery swipes one picture at a time (a paging ScrollView: snap on H5, pagingEnabled in
 * the mini-program). Not Taro's Swiper: on H5 its web component brings swiper.js (~35 KB
 * gzipped) into the components chunk every page loads, which broke the first-load budget.
 */
export default function ProductPage() {
  const id = useQueryParam('id');
  // There is no single-product endpoint: the list is small and cached by the server.
  const products = useRemote(() => api.products(), [id]);
  const pool = usePool();
  const [qty, setQty] = useState(1);
  const [added, setAdded] = useState(false);
  const [current, setCurrent] = useState(0);
  const product = products.data?.find((p) => p.productId === id);
  return (
    <View className="page page-product">
      <RemoteView remote={products} isEmpty={(d) => !d.some((p) => p.productId === id)} emptyText="商品不存在或已下架">
        {product &&
          (() => {
            const pictures = picturesOf(product);
            const soldOut = isSoldOut(product);
            const max = Math.max(1, Math.min(99, Number(product.stock)));
            return (
              <View>
                {pictures.length > 0 ? (
                  <View className="gallery">
                    <ScrollView
                      className="product-swiper"
                      scrollX
                      enhanced
                      pagingEnabled
                      showScrollbar={false}
                      onScroll={(e) => setCurrent(pageOf(e.detail.scrollLeft, e.detail.scrollWidth, pictures.length))}
                    >
                      {pictures.map((src, i) => (
                        <View key={src} className="gallery-page">
                          <Image className={`product-hero product-hero-${i}`} src={src} mode="aspectFill" />
                        </View>
                      ))}
                    </ScrollView>
                    <Text className="gallery-count">
                      {current + 1}/{pictures.length}
                    </Text>
                  </View>
                ) : (
                  <NoPicture cls="product-hero" />
                )}
                <View className="card">
                  <Text className="card-title product-title">{product.name}</Text>
                  <View>
                    <Text className="big product-detail-price">{fmtYuan(product.price)}</Text>
                    {soldOut && <Text className="sold-out product-sold-out-tag"> 已售罄</Text>}
                  </View>
                  <Text className="hint product-stock">
                    {soldOut ? '暂时无货，补货后可购买' : `库存 ${String(product.stock)} 件`}
                  </Text>
                  {product.category ? <Text className="tag product-category">{product.category}</Text> : null}
                </View>
                {product.description ? (
                  <View className="card">
                    <Text className="card-title">商品介绍</Text>
                    <Text className="product-description">{product.description}</Text>
                  </View>
                ) : null}
                <View className="card">
                  <Text className="card-title">积分说明</Text>
                  <Row label="每件计入分红池" value={fmtYuan(product.poolContribution)} />
                  {pool.state && (
                    <Row
                      label="按今日价格预计获赠"
                      value={`${fmtPoints(estimatePoints(product.poolContribution, pool.state, pool.params))} 积分`}
                      cls="product-detail-earn"
                    />
                  )}
                  <Text className="hint">
                    积分在确认收货、订单完成后发放，数量按完成时的价格计算；完成前退款不发放积分。积分价格会变化，不承诺收益。
                  </Text>
                </View>
                {!soldOut && (
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
                )}
                <Toast
                  visible={added}
                  content="已加入购物车"
                  icon="success"
                  duration={1.5}
                  onClose={() => setAdded(false)}
                />
                {soldOut ? (
                  <Button className="btn sold-out-button" block disabled>
                    已售罄
                  </Button>
                ) : (
                  <View>
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
                )}
              </View>
            );
          })()}
      </RemoteView>
    </View>
  );
}
