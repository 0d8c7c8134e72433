import { listSavedCourses, removeSavedCourse, type SavedCourse } from "./saved-course";

// The offline shell's script (public/offline.js): says whether the device is online and lists the
// courses saved on it, each with its lessons and a button to remove it. The page is static and
// has both languages; this script only fills the list.

const vi = document.documentElement.lang !== "en";
const text = {
  none: vi ? "Chưa có khóa học nào được lưu trên máy này." : "No course is saved on this device.",
  remove: vi ? "Xóa bản lưu" : "Remove saved copy",
  removed: vi ? "Đã xoá bản lưu." : "Saved copy removed.",
  version: (n: number) => (vi ? `Phiên bản ${n}` : `Version ${n}`),
  size: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(".", vi ? "," : ".")} MB`,
};

function courseItem(course: SavedCourse, onRemove: () => void) {
  const item = document.createElement("li");
  item.className = "card space-y-2";
  const heading = document.createElement("h3");
  heading.className = "font-semibold";
  heading.textContent = course.title;
  const details = document.createElement("p");
  details.className = "text-sm text-slate-600";
  details.textContent = `${text.version(course.versionNumber)} · ${text.size(course.bytes)}`;
  const lessons = document.createElement("ol");
  lessons.className = "list-decimal pl-5 text-sm";
  for (const lesson of course.lessons) {
    const entry = document.createElement("li");
    const link = document.createElement("a");
    link.className = "link";
    link.href = lesson.url;
    link.textContent = lesson.title;
    entry.append(link);
    lessons.append(entry);
  }
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "btn-secondary";
  remove.textContent = `${text.remove}: ${course.title}`;
  remove.addEventListener("click", () => void removeSavedCourse(course.slug).then(onRemove));
  item.append(heading, details, lessons, remove);
  return item;
}

async function render() {
  const list = document.getElementById("saved-courses");
  const status = document.getElementById("saved-status");
  if (!list || !status) return;
  const courses = await listSavedCourses();
  list.replaceChildren(
    ...courses.map((course) =>
      courseItem(course, () => {
        status.textContent = text.removed;
        void render();
      }),
    ),
  );
  if (courses.length === 0) status.textContent = text.none;
}

function showConnection() {
  document.body.dataset.online = String(navigator.onLine);
}

window.addEventListener("online", showConnection);
window.addEventListener("offline", showConnection);
showConnection();
void render();
