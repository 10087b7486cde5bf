// A handful of 16px line icons drawn inline (no icon font, nothing fetched).
const paths = {
  plus: "M8 3v10M3 8h10",
  search: "M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10zM14 14l-3.5-3.5",
  x: "M4 4l8 8M12 4l-8 8",
  chevronDown: "M4 6l4 4 4-4",
  chevronRight: "M6 4l4 4-4 4",
  arrowUp: "M8 13V3M4 7l4-4 4 4",
  arrowDown: "M8 3v10M4 9l4 4 4-4",
  arrowLeft: "M13 8H3M7 4L3 8l4 4",
  upload: "M8 11V2M4.5 5.5L8 2l3.5 3.5M2.5 10.5v3h11v-3",
  download: "M8 2v9M4.5 7.5L8 11l3.5-3.5M2.5 10.5v3h11v-3",
  filter: "M2 3h12L9.5 8.5V13l-3 1.5V8.5z",
  box: "M2.5 4.5L8 2l5.5 2.5v7L8 14l-5.5-2.5zM2.5 4.5L8 7l5.5-2.5M8 7v7",
  pencil: "M10.5 2.5l3 3L6 13H3v-3z",
  check: "M3 8.5l3 3 7-7",
  database:
    "M2.5 4c0-1.1 2.5-2 5.5-2s5.5.9 5.5 2-2.5 2-5.5 2-5.5-.9-5.5-2zM2.5 4v8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2V4M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2",
  keyboard: "M1.5 4h13v8h-13zM4 6.5h1M7 6.5h1M10 6.5h2M4 9.5h8",
  alert: "M8 2l6.5 11.5h-13zM8 6.5v3M8 11.5v.01",
  file: "M4 1.5h5l3 3v10H4zM9 1.5v3h3",
  layers: "M8 2l6 3-6 3-6-3zM2 8l6 3 6-3M2 11l6 3 6-3",
  refresh: "M13 2.5V6H9.5M3 13.5V10h3.5M12.6 6A5 5 0 0 0 3.6 5.2M3.4 10a5 5 0 0 0 9 .8",
  cloud: "M4.5 12.5h7a3 3 0 0 0 .4-6 4 4 0 0 0-7.7 1A2.5 2.5 0 0 0 4.5 12.5z",
  cloudOff: "M4.5 12.5h7a3 3 0 0 0 .4-6 4 4 0 0 0-7.7 1A2.5 2.5 0 0 0 4.5 12.5zM2 2l12 12",
  inbox: "M2 9l2-6h8l2 6v4H2zM2 9h3.5l1 1.5h3l1-1.5H14",
  paperclip:
    "M13 7.5l-5 5a3 3 0 0 1-4.2-4.2l5.3-5.3a2 2 0 0 1 2.8 2.8L6.6 11a1 1 0 0 1-1.4-1.4L10 4.8",
  logIn: "M9.5 2.5h3v11h-3M2 8h7.5M6.5 5l3 3-3 3",
  logOut: "M6.5 2.5h-3v11h3M6 8h8M11 5l3 3-3 3",
  copy: "M5.5 5.5h8v8h-8zM2.5 10.5v-8h8",
  rack: "M3.5 1.5h9v13h-9zM5.5 4h5M5.5 6.5h5M5.5 9h5M5.5 11.5h2",
  undo: "M5 3.5L2 6.5l3 3M2 6.5h7.5a3.5 3.5 0 0 1 0 7H7",
  redo: "M11 3.5l3 3-3 3M14 6.5H6.5a3.5 3.5 0 0 0 0 7H9",
  cable: "M2 4.5h3v3H2zM11 8.5h3v3h-3zM5 6h2.5a1.5 1.5 0 0 1 1.5 1.5v1a1.5 1.5 0 0 0 1.5 1.5H11",
  users:
    "M6 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM1.5 13.5c0-2.5 2-4 4.5-4s4.5 1.5 4.5 4M11 7.5a2 2 0 1 0 0-4M12 9.6c1.6.4 2.5 1.7 2.5 3.9",
  tag: "M2 2.5h5.5l6.5 6.5-5 5-6.5-6.5zM5 5.5v.01",
  printer: "M4.5 6V2h7v4M4.5 11.5h-2v-5.5h11v5.5h-2M4.5 9.5h7v4.5h-7z",
  cart: "M1.5 2.5h2l1.6 7.5h7.4l1.5-5.5H4.2M6 13v.01M12 13v.01",
  route: "M3.5 12.5a1.5 1.5 0 1 0 0-.01M12.5 3.5a1.5 1.5 0 1 0 0-.01M3.5 11V6.5a2 2 0 0 1 2-2h5",
} as const;

export type IconName = keyof typeof paths;

export function Icon({
  name,
  size = 16,
  className,
}: {
  name: IconName;
  size?: number;
  className?: string;
}) {
  return (
    <svg
      className={`icon ${className ?? ""}`}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
