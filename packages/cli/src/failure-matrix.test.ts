import { describeFailureMatrix } from '@samus/contracts';
import { createCliKernel } from './cli-kernel.js';

// Every plugin the CLI ships, through the kernel: one code per failure on every path.
describeFailureMatrix({ kernel: () => createCliKernel({ env: {} }) });
