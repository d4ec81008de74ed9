import { CreateArchiveSchema1767225600000 } from './1767225600000-create-archive-schema';
import { CanonicalMessageFields1767225600001 } from './1767225600001-canonical-message-fields';
import { PolicyVersions1767300000000 } from './1767300000000-policy-versions';
import { ArchiveChain1767400000000 } from './1767400000000-archive-chain';
import { AlertReviewWorkflow1767500000000 } from './1767500000000-alert-review-workflow';
import { ArchiveEnvelopes1767600000000 } from './1767600000000-archive-envelopes';
import { RecalledBy1767700000000 } from './1767700000000-recalled-by';
import { AlertGrouping1768400000000 } from './1768400000000-alert-grouping';
import { CaptureLedger1768410000000 } from './1768410000000-capture-ledger';
import { DayAmendments1768420000000 } from './1768420000000-day-amendments';
import { Directory1768000000000 } from './1768000000000-directory';
import { MessageMedia1768100000000 } from './1768100000000-message-media';
import { AlertRouting1768500000000 } from './1768500000000-alert-routing';
import { ApiKeyScope1768600000000 } from './1768600000000-api-key-scope';

/** In the order they run; a shipped migration is never edited, only followed by a new one. */
export const ARCHIVE_MIGRATIONS = [
  CreateArchiveSchema1767225600000,
  CanonicalMessageFields1767225600001,
  PolicyVersions1767300000000,
  ArchiveChain1767400000000,
  AlertReviewWorkflow1767500000000,
  ArchiveEnvelopes1767600000000,
  RecalledBy1767700000000,
  AlertGrouping1768400000000,
  CaptureLedger1768410000000,
  DayAmendments1768420000000,
  Directory1768000000000,
  MessageMedia1768100000000,
  AlertRouting1768500000000,
  ApiKeyScope1768600000000,
];
