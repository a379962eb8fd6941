// Composition root of the data migrations staff run once after a deploy (docs/staff.md
// "Migrations"): each is a walk over the table's own key layout, so it lives in repo/.
export { backfillUserLists } from '../repo/backfill-user-lists';
