import { View, Text } from '@tarojs/components';
import { go } from '../lib/nav';
import type { LinkDef } from '../lib/links';

/** Section links as a 3-column grid of tiles (a card) or as a list of rows with a chevron. */
export function Links({ links, variant = 'grid' }: { links: LinkDef[]; variant?: 'grid' | 'list' }) {
  if (variant === 'list') {
    return (
      <View className="card links-list">
        {links.map((l) => (
          <View key={l.route} className={`row ${l.cls}`} onClick={() => go(l.route)}>
            <Text>{l.label}</Text>
            <Text className="muted">›</Text>
          </View>
        ))}
      </View>
    );
  }
  return (
    <View className="card grid">
      {links.map((l) => (
        <View key={l.route} className={`grid-item ${l.cls}`} onClick={() => go(l.route)}>
          <Text>{l.label}</Text>
        </View>
      ))}
    </View>
  );
}
