// Add or edit a product: prices as 2-dp strings, stock, category, description, pictures.
import { Form, Input, InputNumber, Modal, Switch, message, type FormInstance } from 'antd';
import { useEffect } from 'react';
import { upsertProduct, type Product } from '../api';
import { showError } from '../ui/errors';
import { PictureUpload, toKey } from './PictureUpload';

const MONEY = { pattern: /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/, message: '金额，最多 2 位小数' };
type Fields = Omit<Product, 'pictures'> & { pictures: string[] };

/** The product's fields; pictures need the product id (their keys live under it). */
function ProductFields({ isNew, form }: { isNew: boolean; form: FormInstance<Fields> }) {
  return (
    <>
      <Form.Item name="productId" label="商品 ID" rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,64}$/ }]}>
        <Input disabled={!isNew} />
      </Form.Item>
      <Form.Item name="name" label="名称" rules={[{ required: true, max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="category" label="分类">
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="price" label="售价（元）" rules={[{ required: true, ...MONEY }]}>
        <Input />
      </Form.Item>
      <Form.Item name="poolContribution" label="入池金额（元）" rules={[{ required: true, ...MONEY }]}>
        <Input />
      </Form.Item>
      <Form.Item name="dividendContribution" label="分红金额（元）" rules={[MONEY]}>
        <Input />
      </Form.Item>
      <Form.Item name="stock" label="库存" rules={[{ required: true }]}>
        <InputNumber min={0} max={10_000_000} precision={0} />
      </Form.Item>
      <Form.Item name="description" label="描述">
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.productId !== b.productId}>
        {() => (
          <Form.Item name="pictures" label="图片（第一张为封面，最多 9 张）">
            <PictureUpload productId={form.getFieldValue('productId') as string | undefined} />
          </Form.Item>
        )}
      </Form.Item>
      <Form.Item name="active" label="上架" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="noReasonReturn" label="支持七天无理由退货" valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  );
}

export function ProductForm({
  product,
  onClose,
  onSaved,
}: {
  product?: Product | 'new';
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Fields>();
  const isNew = product === 'new';
  useEffect(() => {
    form.resetFields();
    if (product && product !== 'new') form.setFieldsValue({ ...product, pictures: product.pictures.map(toKey) });
  }, [product, form]);
  const save = async () => {
    const f = await form.validateFields();
    try {
      const { image: _image, ...rest } = f;
      await upsertProduct({ ...rest, active: f.active ?? true, noReasonReturn: f.noReasonReturn ?? true });
      void message.success(`已保存 ${f.name}`);
      onClose();
      onSaved();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Modal
      title={isNew ? '新增商品' : '编辑商品'}
      open={!!product}
      onOk={() => void save()}
      onCancel={onClose}
      width={720}
      okText="保存"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ stock: 0, dividendContribution: '0.00', active: true, noReasonReturn: true, pictures: [] }}
      >
        <ProductFields isNew={isNew} form={form} />
      </Form>
    </Modal>
  );
}
