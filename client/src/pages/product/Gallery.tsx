import { useState } from 'react';
import { View, Text, Image, ScrollView } from '@tarojs/components';
import { NoPicture } from '../../components/NoPicture';

/** Which picture is in view: pages are as wide as the gallery. */
export const pageOf = (left: number, width: number, n: number) =>
  n > 0 && width > 0 ? Math.min(n - 1, Math.max(0, Math.round((left / width) * n))) : 0;

/**
 * The gallery swipes one picture at a time (a paging ScrollView: snap on H5, pagingEnabled in
 * the mini-program). Not Taro's Swiper: on H5 its web component brings swiper.js (~35 KB
 * gzipped) into the components chunk every page loads, which broke the first-load budget.
 */
export function Gallery({ pictures }: { pictures: string[] }) {
  const [current, setCurrent] = useState(0);
  if (pictures.length === 0) return <NoPicture cls="product-hero" />;
  return (
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
  );
}
