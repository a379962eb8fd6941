import { View, Text } from '@tarojs/components';

/** The placeholder where a product has no picture yet (its box takes the picture's class). */
export function NoPicture({ cls }: { cls: string }) {
  return (
    <View className={`${cls} ${cls}-none`}>
      <Text>暂无图片</Text>
    </View>
  );
}
