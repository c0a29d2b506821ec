import { samusConfig } from '@samus/eslint-config';

export default samusConfig;
