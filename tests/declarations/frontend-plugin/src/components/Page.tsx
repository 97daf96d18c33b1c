export type PageProps = { title: string; subtitle?: string };

export const Page = ({ title, subtitle }: PageProps) => (
  <section>
    <h1>{title}</h1>
    {subtitle && <h2>{subtitle}</h2>}
  </section>
);
