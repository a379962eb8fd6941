import type { ReactNode } from 'react';
import { View, Text, Image } from '@tarojs/components';
import type { Remote } from '../lib/hooks';
import { Button } from '../ui/button';
import { ContactButton } from './ContactButton';
import { Skeleton } from '../ui/skeleton';
import { Empty } from '../ui/empty';
// Our own picture: NutUI's default one would be fetched from a remote server.
import emptyPicture from '../assets/empty.png';
import './StateView.css';

interface Props {
  loading: boolean;
  error: string;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children?: ReactNode;
}

/** Every page's loading (NutUI Skeleton), error (with 重试) and empty (NutUI Empty) states in one place. */
export function StateView({ loading, error, empty, emptyText, onRetry, children }: Props) {
  if (error) {
    return (
      <View className="state state-error">
        <Text className="state-error-text">{error}</Text>
        {onRetry && (
          <Button className="btn state-retry" type="primary" fill="outline" size="small" onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  if (loading && !children) {
    return (
      <View className="state state-loading">
        <Text className="state-loading-text">加载中…</Text>
        <Skeleton rows={4} animated className="state-skeleton" />
      </View>
    );
  }
  if (empty) {
    return (
      <View className="state state-empty">
        <Empty
          description={emptyText ?? '暂无内容'}
          image={<Image className="state-empty-image" src={emptyPicture as string} mode="aspectFit" />}
        />
      </View>
    );
  }
  return <>{children}</>;
}

/**
 * A page's states straight from its remote read: loading, its error with a retry, and empty
 * (`isEmpty` is asked only once data is there).
 */
export function RemoteView<T>({
  remote,
  isEmpty,
  emptyText,
  onRetry,
  children,
}: {
  remote: Remote<T>;
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  onRetry?: () => void;
  /** The page, or a function of the loaded data (then it never sees `undefined`). */
  children?: ReactNode | ((data: T) => ReactNode);
}) {
  const { data, loading, error, reload } = remote;
  // Children only once there is data: a reload keeps the page, a first load shows 加载中.
  return (
    <StateView
      loading={loading}
      error={error}
      empty={data !== undefined && !!isEmpty?.(data)}
      emptyText={emptyText}
      onRetry={onRetry ?? reload}
    >
      {data === undefined ? undefined : typeof children === 'function' ? children(data) : children}
    </StateView>
  );
}

/** An error in words; one that tells the shopper to contact 客服 carries the way to it. */
export function ErrorLine({ text }: { text: string }) {
  if (!text) return null;
  return (
    <View className="error-line">
      <Text>{text}</Text>
      {text.includes('联系客服') && <ContactButton from="error" cls="error-contact" />}
    </View>
  );
}
