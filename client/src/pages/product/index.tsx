import { View, Text } from '@tarojs/components';
import { api, type Product } from '../../api';
import { useRemote } from '../../lib/hooks';
import { ROUTES, useQueryParam } from '../../lib/nav';
import { fmtPoints, fmtYuan } from '../../lib/format';
import { estimatePoints } from '../../lib/pool';
import { isSoldOut, picturesOf } from '../../lib/assets';
import { usePool, type LivePool } from '../../lib/usePool';
import { useInviteFromQuery, useShareWithReferrer } from '../../lib/share';
import { RemoteView } from '../../components/StateView';
import { Row } from '../../components/Stat';
import { Gallery } from './Gallery';
import { BuyBar } from './BuyBar';
import './index.css';

function Details({ product, soldOut }: { product: Product; soldOut: boolean }) {
  return (
    <View>
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
    </View>
  );
}

function PointsNote({ product, pool }: { product: Product; pool: LivePool }) {
  return (
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
  );
}

export default function ProductPage() {
  const id = useQueryParam('id');
  // There is no single-product endpoint: the list is small and cached by the server.
  const products = useRemote(() => api.products(), [id]);
  const pool = usePool();
  const product = products.data?.find((p) => p.productId === id);
  useInviteFromQuery();
  useShareWithReferrer(product ? product.name : '绿色积分商城', ROUTES.product, { id });
  return (
    <View className="page page-product">
      <RemoteView remote={products} isEmpty={(d) => !d.some((p) => p.productId === id)} emptyText="商品不存在或已下架">
        {product && (
          <View>
            <Gallery pictures={picturesOf(product)} />
            <Details product={product} soldOut={isSoldOut(product)} />
            <PointsNote product={product} pool={pool} />
            <BuyBar product={product} soldOut={isSoldOut(product)} />
          </View>
        )}
      </RemoteView>
    </View>
  );
}
