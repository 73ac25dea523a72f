import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type { AwsGateway } from "../../aws";
import { syncOtherAccounts, syncRegion } from "../sync";
import { PermanentJobError, type JobHandler } from "../worker";
import { countMailDelivery } from "../../observability/metrics";

/** Sends one queued mail over SMTP, or (embedded mode) leaves it in the local outbox that admins read. */
export function mailHandler(options: { smtpUrl?: string; from: string }): JobHandler {
  let transport: Transporter | undefined;
  return {
    async run(job, { db }) {
      const { mailId } = job.payload as { mailId: string };
      const message = await db.mailMessage.findUnique({ where: { id: mailId } });
      if (!message || message.sentAt) return;
      if (message.transport === "smtp") {
        if (!options.smtpUrl) throw new PermanentJobError("SMTP is no longer configured");
        transport ??= nodemailer.createTransport(options.smtpUrl);
        try {
          await transport.sendMail({
            from: options.from,
            to: message.to,
            subject: message.subject,
            text: message.text,
            html: message.html,
          });
        } catch (error) {
          // The worker tries again until the job's attempts run out; onGiveUp counts the final failure.
          if (job.attempts < job.maxAttempts) countMailDelivery("retry");
          throw error;
        }
      }
      await db.mailMessage.update({ where: { id: mailId }, data: { sentAt: new Date(), error: null } });
      countMailDelivery("delivered");
    },
    async onGiveUp(job, error, { db }) {
      countMailDelivery("failed");
      const { mailId } = job.payload as { mailId: string };
      await db.mailMessage.updateMany({ where: { id: mailId }, data: { error: error instanceof Error ? error.message : String(error) } });
    },
  };
}

/** Runs the approval escalation and expiry check (a service, handed in by the composition root) every interval. */
export function approvalTimeoutsHandler(processTimeouts: (now: Date) => Promise<unknown>, intervalMs = 60_000): JobHandler {
  return {
    async run() {
      await processTimeouts(new Date());
      return { done: false, runAt: new Date(Date.now() + intervalMs) };
    },
  };
}

export function inventorySyncHandler(gateway: () => AwsGateway, regions: readonly string[], intervalMs: number): JobHandler {
  return {
    async run(_job, { db }) {
      for (const region of regions) await syncRegion(db, gateway(), region);
      await syncOtherAccounts(db, gateway);
      return { done: false, runAt: new Date(Date.now() + intervalMs) };
    },
  };
}
