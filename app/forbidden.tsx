import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-brand-900">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-slate-600">
        This area is for another role. If you think you should have access, ask your portal administrator.
      </p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Back to My WorkSpaces
      </Link>
    </div>
  );
}
