import { View, Text } from '@tarojs/components';
import { ROUTES, switchTo, type Route } from '../lib/nav';
import './TabNav.css';

const TABS: Array<{ route: Route; label: string; cls: string }> = [
  { route: ROUTES.home, label: '首页', cls: 'tab-home' },
  { route: ROUTES.orders, label: '订单', cls: 'tab-orders' },
  { route: ROUTES.wallet, label: '钱包', cls: 'tab-wallet' },
  { route: ROUTES.mine, label: '我的', cls: 'tab-mine' },
];

/** A text-only bottom bar (no icons to ship); switching sections resets the page stack. */
export function TabNav({ current }: { current: Route }) {
  return (
    <View className="tabnav">
      {TABS.map((t) => (
        <View
          key={t.route}
          className={`tabnav-item ${t.cls} ${t.route === current ? 'tabnav-current' : ''}`}
          onClick={() => t.route !== current && switchTo(t.route)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
