// Product pictures: each file goes straight to the bucket with a presigned PUT (upload-url);
// the form keeps the keys (products/<productId>/<name>.<ext>), cover first.
import { Button, Space, Tag, Upload, message } from 'antd';
import { useState } from 'react';
import { uploadUrl } from '../api';
import { showError } from '../ui/errors';

const TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'];

/** A picture's address (/pictures/products/… or https://…/products/…) back to its key. */
export const toKey = (address: string) => {
  const i = address.indexOf('products/');
  return i >= 0 ? address.slice(i) : address;
};

interface Props {
  productId?: string;
  value?: string[];
  onChange?: (keys: string[]) => void;
}

export function PictureUpload({ productId, value = [], onChange }: Props) {
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    if (!productId) return void message.warning('请先填写商品 ID');
    if (!TYPES.includes(file.type)) return void message.warning('只支持 PNG、JPEG、WebP、SVG');
    setBusy(true);
    try {
      const t = await uploadUrl(productId, file.type);
      const r = await fetch(t.uploadUrl, { method: t.method, headers: t.headers, body: file });
      if (!r.ok) throw new Error(`上传失败：${r.status}`);
      onChange?.([...value, t.key].slice(0, 9));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = (k: string) => onChange?.(value.filter((v) => v !== k));
  return (
    <Space orientation="vertical">
      <Space wrap>
        {value.map((k, i) => (
          <Tag key={k} closable onClose={() => remove(k)} color={i === 0 ? 'green' : undefined}>
            {i === 0 ? `封面 ${k}` : k}
          </Tag>
        ))}
      </Space>
      <Upload
        accept={TYPES.join(',')}
        showUploadList={false}
        beforeUpload={(f) => (void upload(f), false)}
        disabled={value.length >= 9}
      >
        <Button loading={busy}>上传图片</Button>
      </Upload>
    </Space>
  );
}
