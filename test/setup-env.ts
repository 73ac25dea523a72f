// Integration tests read configuration like the server does; give them a throwaway data directory
// and a fixed signing secret so nothing lands in the developer's .data/.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.PORTAL_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "portal-test-"));
process.env.AUTH_SECRET ??= "test-secret-that-is-long-enough-for-hmac-0123456789";
process.env.PORTAL_URL ??= "http://portal.test";
process.env.LOG_LEVEL ??= "silent";
