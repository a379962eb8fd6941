import { View, Text } from '@tarojs/components';

export interface Stat {
  label: string;
  value: string;
  /** A class on the value, for tests and styles. */
  cls?: string;
}

/** One label/value line of a card. */
export function Row({ label, value, cls }: Stat) {
  return (
    <View className="row">
      <Text className="row-label">{label}</Text>
      <Text className={`row-value ${cls ?? ''}`}>{value}</Text>
    </View>
  );
}

/** Label/value lines; `false`/`null` entries are skipped, so optional lines read inline. */
export function StatList({ stats }: { stats: Array<Stat | false | null | undefined> }) {
  return <>{stats.map((s) => (s ? <Row key={s.label} {...s} /> : null))}</>;
}
