import { useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { PROVINCES, childrenOf, isDeliveryCode, pathOf, regionText } from '@greenpoints/shared/src/regions';
import { Cascader } from '../ui/cascader';

interface Option {
  text: string;
  value: string;
  children?: Option[];
}

// The province → city → district tree of GB/T 2260, built once (3,900 names, from the app's own
// dataset: nothing is fetched).
let tree: Option[] | undefined;
function regionTree(): Option[] {
  const node = (code: string, name: string): Option => {
    const kids = childrenOf(code);
    return kids.length
      ? { text: name, value: code, children: kids.map((k) => node(k.code, k.name)) }
      : { text: name, value: code };
  };
  tree ??= PROVINCES.map((p) => node(p.code, p.name));
  return tree;
}

interface Props {
  /** A district code, or '' before one is chosen. */
  value: string;
  onChange: (code: string) => void;
}

/** 所在地区: a row that opens NutUI's Cascader over the region codes and shows the names. */
export function RegionPicker({ value, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const options = useMemo(regionTree, []);
  return (
    <View>
      <View className="row form-row region-field" onClick={() => setOpen(true)}>
        <Text className="form-label">所在地区</Text>
        <Text className={`region-value ${value ? '' : 'muted'}`}>
          {value ? regionText(value) : '请选择省、市、区 ›'}
        </Text>
      </View>
      <Cascader
        className="region-picker"
        visible={open}
        title="选择所在地区"
        options={options}
        value={value ? pathOf(value) : []}
        closeable
        onClose={() => setOpen(false)}
        onChange={(codes) => {
          const last = String(codes[codes.length - 1] ?? '');
          if (isDeliveryCode(last)) {
            onChange(last);
            setOpen(false);
          }
        }}
      />
    </View>
  );
}
