// A user's team two levels down (user-referrals): direct referrals and theirs.
import { Alert, Card, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { userReferrals, type ReferralRow, type UserReferrals as Team } from '../api';
import { showError } from '../ui/errors';
import { ExportButton } from '../ui/ExportButton';
import { time } from '../ui/format';

const COLUMNS = [
  { key: 'level', title: '层级' },
  { key: 'userId', title: '用户 ID' },
  { key: 'nickname', title: '昵称' },
  { key: 'joinedAt', title: '加入时间' },
  { key: 'via', title: '经由' },
];

export function UserReferrals({ userId }: { userId: string }) {
  const [team, setTeam] = useState<Team>();
  useEffect(() => {
    setTeam(undefined);
    userReferrals(userId).then(setTeam, showError);
  }, [userId]);
  return (
    <Card
      size="small"
      className="user-referrals"
      title={team ? `下级（两级）：一级 ${team.counts.level1} 人，二级 ${team.counts.level2} 人` : '下级（两级）'}
      extra={<ExportButton name={`referrals-${userId}`} columns={COLUMNS} rows={team?.rows ?? []} />}
    >
      {team?.truncated && <Alert type="info" title="下级较多，仅列出每级前 200 人" style={{ marginBottom: 8 }} />}
      <Table<ReferralRow>
        rowKey="userId"
        size="small"
        loading={!team}
        dataSource={team?.rows ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '层级', dataIndex: 'level', render: (l: number) => <Tag>{l === 1 ? '一级' : '二级'}</Tag> },
          { title: '用户 ID', dataIndex: 'userId' },
          { title: '昵称', dataIndex: 'nickname', render: (n: string) => n || '—' },
          { title: '加入时间', dataIndex: 'joinedAt', render: time },
          { title: '经由', dataIndex: 'via', render: (v: string) => v || '—' },
        ]}
      />
    </Card>
  );
}
