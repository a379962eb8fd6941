// Installs the DynamoDB stores for the domain. Imported by the edges (the HTTP and staff
// wrappers, scripts) and by jest's setup, before any domain call.
import { useStores } from '../domain/stores';
import { ddbStores } from './stores';

useStores(ddbStores());
