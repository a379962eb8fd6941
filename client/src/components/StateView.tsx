import type { ReactNode } from 'react';
import { View, Text, Button } from '@tarojs/components';
import type { Remote } from '../lib/hooks';
import './StateView.css';

interface Props {
  loading: boolean;
  error: string;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children?: ReactNode;
}

/** Every page's loading, error and empty states in one place, so none is forgotten. */
export function StateView({ loading, error, empty, emptyText, onRetry, children }: Props) {
  if (error) {
    return (
      <View className="state state-error">
        <Text className="state-error-text">{error}</Text>
        {onRetry && (
          <Button className="btn btn-plain state-retry" size="mini" onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  if (loading && !children) {
    return (
      <View className="state state-loading">
        <Text>加载中…</Text>
      </View>
    );
  }
  if (empty) {
    return (
      <View className="state state-empty">
        <Text>{emptyText ?? '暂无内容'}</Text>
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

export function ErrorLine({ text }: { text: string }) {
  if (!text) return null;
  return (
    <View className="error-line">
      <Text>{text}</Text>
    </View>
  );
}
