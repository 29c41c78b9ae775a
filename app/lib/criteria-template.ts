/**
 * The shape of criteria as plain data (components, indicators, rubric by level), and the demo
 * competition's criteria. The templates a chair chooses from live in `./templates`; these older
 * criteria stay for the demo seed, whose invented scores follow their indicator codes.
 */
export interface TemplateIndicator {
  code: string;
  name: string;
  description: string;
  min: number;
  max: number;
  /** what each score level means, keyed by the level */
  rubric: Record<string, string>;
}

export interface TemplateComponent {
  code: string;
  name: string;
  weight: number;
  indicators: TemplateIndicator[];
}

function scale(levels: [string, string, string, string, string]): Record<string, string> {
  return { "1": levels[0], "2": levels[1], "3": levels[2], "4": levels[3], "5": levels[4] };
}

function indicator(
  code: string,
  name: string,
  description: string,
  levels: [string, string, string, string, string],
): TemplateIndicator {
  return { code, name, description, min: 1, max: 5, rubric: scale(levels) };
}

export const VILLAGE_LIBRARY_TEMPLATE: TemplateComponent[] = [
  {
    code: "A",
    name: "Koleksi",
    weight: 25,
    indicators: [
      indicator(
        "A1",
        "Jumlah koleksi",
        "Jumlah judul dan eksemplar bahan perpustakaan dibanding jumlah penduduk desa.",
        [
          "Kurang dari 500 judul",
          "500–999 judul",
          "1.000–1.499 judul",
          "1.500–1.999 judul",
          "2.000 judul atau lebih",
        ],
      ),
      indicator(
        "A2",
        "Keragaman koleksi",
        "Fiksi, nonfiksi, referensi, terbitan berkala, muatan lokal dan koleksi anak.",
        [
          "Satu jenis koleksi",
          "Dua jenis",
          "Tiga jenis",
          "Empat jenis",
          "Lima jenis atau lebih, termasuk muatan lokal",
        ],
      ),
      indicator(
        "A3",
        "Pengolahan koleksi",
        "Inventarisasi, klasifikasi, katalog dan kelengkapan label.",
        [
          "Belum diolah",
          "Diinventaris saja",
          "Diinventaris dan diklasifikasi sebagian",
          "Diklasifikasi dan berkatalog",
          "Lengkap dengan katalog terpasang (OPAC/INLISLite)",
        ],
      ),
      indicator("A4", "Penambahan koleksi", "Penambahan judul baru dalam setahun terakhir.", [
        "Tidak ada penambahan",
        "Kurang dari 50 judul",
        "50–99 judul",
        "100–199 judul",
        "200 judul atau lebih",
      ]),
    ],
  },
  {
    code: "B",
    name: "Sarana dan Prasarana",
    weight: 15,
    indicators: [
      indicator("B1", "Gedung atau ruang", "Luas dan kondisi ruang perpustakaan.", [
        "Menumpang tanpa ruang khusus",
        "Ruang khusus kurang dari 20 m²",
        "Ruang 20 m² sampai kurang dari 36 m²",
        "Ruang 36 m² sampai kurang dari 56 m²",
        "Gedung sendiri 56 m² atau lebih",
      ]),
      indicator("B2", "Perabot", "Rak buku, meja dan kursi baca, meja layanan, papan informasi.", [
        "Sangat kurang",
        "Kurang",
        "Cukup",
        "Baik",
        "Lengkap dan terawat",
      ]),
      indicator(
        "B3",
        "Teknologi informasi",
        "Komputer, akses internet dan pemanfaatannya untuk layanan.",
        [
          "Tidak ada",
          "Komputer tanpa internet",
          "Komputer dan internet untuk pengelola",
          "Internet dapat dipakai pemustaka",
          "Layanan digital tersedia dan aktif dipakai",
        ],
      ),
      indicator(
        "B4",
        "Kenyamanan dan aksesibilitas",
        "Pencahayaan, kebersihan, sirkulasi udara, akses bagi penyandang disabilitas.",
        ["Sangat kurang", "Kurang", "Cukup", "Baik", "Sangat baik dan ramah disabilitas"],
      ),
    ],
  },
  {
    code: "C",
    name: "Pelayanan",
    weight: 20,
    indicators: [
      indicator("C1", "Jam buka", "Jam layanan dalam seminggu.", [
        "Kurang dari 10 jam",
        "10–19 jam",
        "20–29 jam",
        "30–39 jam",
        "40 jam atau lebih",
      ]),
      indicator(
        "C2",
        "Jenis layanan",
        "Baca di tempat, sirkulasi, referensi, layanan anak, layanan keliling.",
        ["Satu jenis", "Dua jenis", "Tiga jenis", "Empat jenis", "Lima jenis atau lebih"],
      ),
      indicator(
        "C3",
        "Kunjungan pemustaka",
        "Rata-rata kunjungan per bulan, tercatat di buku tamu.",
        ["Kurang dari 50", "50–99", "100–199", "200–299", "300 atau lebih"],
      ),
      indicator(
        "C4",
        "Promosi perpustakaan",
        "Brosur, media sosial, pengumuman desa, kunjungan ke sekolah.",
        [
          "Tidak ada",
          "Sesekali",
          "Terjadwal, satu saluran",
          "Terjadwal, beberapa saluran",
          "Rutin dan terukur hasilnya",
        ],
      ),
    ],
  },
  {
    code: "D",
    name: "Tenaga Perpustakaan",
    weight: 15,
    indicators: [
      indicator("D1", "Jumlah tenaga", "Pengelola tetap perpustakaan.", [
        "Tidak ada pengelola tetap",
        "Satu orang paruh waktu",
        "Satu orang tetap",
        "Dua orang",
        "Tiga orang atau lebih",
      ]),
      indicator(
        "D2",
        "Pendidikan dan pelatihan",
        "Pelatihan kepustakawanan yang pernah diikuti pengelola.",
        [
          "Belum pernah",
          "Sosialisasi singkat",
          "Satu pelatihan teknis",
          "Beberapa pelatihan teknis",
          "Bersertifikat atau berlatar pendidikan perpustakaan",
        ],
      ),
      indicator(
        "D3",
        "Kinerja pengelola",
        "Penguasaan tugas dan keaktifan pengelola saat verifikasi lapangan.",
        ["Sangat kurang", "Kurang", "Cukup", "Baik", "Sangat baik"],
      ),
    ],
  },
  {
    code: "E",
    name: "Penyelenggaraan dan Pengelolaan",
    weight: 15,
    indicators: [
      indicator("E1", "Dasar hukum", "SK Kepala Desa atau Peraturan Desa tentang perpustakaan.", [
        "Tidak ada",
        "Dalam proses",
        "SK Kepala Desa",
        "SK dan struktur organisasi",
        "Peraturan Desa, SK dan struktur organisasi",
      ]),
      indicator("E2", "Anggaran", "Alokasi dana desa (APBDes) untuk perpustakaan.", [
        "Tidak ada",
        "Tidak tetap",
        "Tetap, kurang dari Rp10 juta",
        "Rp10–25 juta",
        "Lebih dari Rp25 juta",
      ]),
      indicator("E3", "Program kerja", "Rencana kerja tahunan dan pelaksanaannya.", [
        "Tidak ada",
        "Ada, tidak tertulis",
        "Tertulis, sebagian terlaksana",
        "Tertulis dan terlaksana",
        "Terlaksana dan dievaluasi",
      ]),
      indicator(
        "E4",
        "Administrasi dan pelaporan",
        "Buku induk, statistik pengunjung dan peminjaman, laporan berkala.",
        [
          "Tidak ada",
          "Sebagian kecil",
          "Sebagian besar",
          "Lengkap",
          "Lengkap dan dilaporkan rutin",
        ],
      ),
    ],
  },
  {
    code: "F",
    name: "Penguatan dan Inovasi",
    weight: 10,
    indicators: [
      indicator("F1", "Kegiatan literasi", "Bercerita, bedah buku, lomba, kelas membaca.", [
        "Tidak ada",
        "Sekali setahun",
        "Beberapa kali setahun",
        "Bulanan",
        "Mingguan",
      ]),
      indicator(
        "F2",
        "Kemitraan",
        "Kerja sama dengan sekolah, PKK, komunitas, dunia usaha (CSR).",
        [
          "Tidak ada",
          "Satu mitra, tidak aktif",
          "Satu mitra aktif",
          "Dua mitra aktif",
          "Tiga mitra aktif atau lebih",
        ],
      ),
      indicator(
        "F3",
        "Transformasi berbasis inklusi sosial",
        "Pelatihan keterampilan dan kegiatan yang meningkatkan kesejahteraan warga.",
        [
          "Tidak ada",
          "Rencana saja",
          "Satu kegiatan",
          "Beberapa kegiatan",
          "Berkelanjutan dengan dampak terukur",
        ],
      ),
    ],
  },
];
