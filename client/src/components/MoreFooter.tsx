import { View, Text } from '@tarojs/components';
import type { Paged } from '../lib/usePaged';
import { ErrorLine } from './StateView';
import { ActionButton } from './ActionButton';

/** The end of a paged list: 加载更多 (scrolling to the bottom does the same), or 没有更多了. */
export function MoreFooter<T>({ paged, cls }: { paged: Paged<T>; cls: string }) {
  return (
    <View className={`more-footer ${cls}-footer`}>
      <ErrorLine text={paged.moreError} />
      {paged.hasMore ? (
        <ActionButton cls={`btn-plain ${cls}-more`} busy={paged.loadingMore} onClick={() => void paged.more()}>
          加载更多
        </ActionButton>
      ) : (
        paged.items.length > 0 && <Text className={`hint list-end ${cls}-end`}>没有更多了</Text>
      )}
    </View>
  );
}
