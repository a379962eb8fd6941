import { View, Text, Image } from '@tarojs/components';
import type { Product } from '../../api';
import { go, ROUTES } from '../../lib/nav';
import { fmtYuan } from '../../lib/format';
import { isSoldOut, picturesOf } from '../../lib/assets';
import { NoPicture } from '../../components/NoPicture';

/** A product in the home grid: cover, name, price, sold out, the points it would earn today. */
export function ProductCard({ p, earn }: { p: Product; earn: string }) {
  const cover = picturesOf(p)[0];
  const soldOut = isSoldOut(p);
  return (
    <View
      className={`card product-card product-${p.productId} ${soldOut ? 'product-sold-out' : ''}`}
      onClick={() => go(ROUTES.product, { id: p.productId })}
    >
      {cover ? (
        <Image className="product-image" src={cover} mode="aspectFill" lazyLoad />
      ) : (
        <NoPicture cls="product-image" />
      )}
      <View className="product-info">
        <Text className="product-name">{p.name}</Text>
        <View>
          <Text className="product-price">{fmtYuan(p.price)}</Text>
          {soldOut && <Text className="sold-out"> 已售罄</Text>}
        </View>
        {earn && <Text className="hint product-earn">确认收货后预计获赠约 {earn} 绿色积分</Text>}
      </View>
    </View>
  );
}
