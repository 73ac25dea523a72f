import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "WorkSpaces Portal", template: "%s · WorkSpaces Portal" },
  description: "Request, change and approve Amazon WorkSpaces.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page carries proxy.ts's per-request CSP nonce, which Next.js can only put on the scripts of a
  // page rendered per request: a prerendered page's scripts would have none and the browser would block
  // them. Reading the request headers here makes every page render per request.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
