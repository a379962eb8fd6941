import { View } from '@tarojs/components';
import { useQueryParam } from '../../lib/nav';
import { ContactButton } from '../../components/ContactButton';
import { RequestForm } from './RequestForm';
import { Progress } from './Progress';
import './index.css';

/** `?orderId=`: the form for a new request; `?id=`: a request's progress. */
export default function AfterSalePage() {
  const orderId = useQueryParam('orderId');
  const id = useQueryParam('id');
  return (
    <View className="page page-after-sale">
      {id ? <Progress id={id} /> : <RequestForm orderId={orderId} />}
      <ContactButton from={id ? `after-sale:${id}` : `order:${orderId}`} cls="after-sale-contact" />
    </View>
  );
}
